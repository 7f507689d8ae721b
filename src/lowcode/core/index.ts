/** The pure micro-app core shared by the client runner and the server engine. */
export * from './definition';
export * from './fields';
export * from './flow';
export * from './form';
export * from './rules';
export * from './display';
