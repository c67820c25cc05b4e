/** The pure workbook core: import from here. Nothing in it does I/O (see addin/app for the flows that do). */
export * from './a1';
export * from './chunking';
export * from './gateway';
export * from './grid';
export * from './headers';
export * from './ids';
export * from './layout';
export * from './messages';
export * from './plan';
export * from './rows';
export * from './tables';
