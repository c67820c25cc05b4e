/** The pure sync core: import from here. */
export * from './a1';
export * from './client';
export * from './gateway';
export * from './grid';
export * from './headers';
export * from './ids';
export * from './layout';
export * from './messages';
export * from './plan';
export * from './rows';
export * from './run';
export * from './leaders';
