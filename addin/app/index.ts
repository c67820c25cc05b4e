/** The client's flows that do I/O through ports (the gateway, fetch, timers, the clock, randomness). */
export * from './apply-moves';
export * from './client';
export * from './figures';
export * from './leaders';
export * from './random';
export * from './read';
export * from './run';
export * from './remembered-ids';
