export * from './ids';
export * from './model';
export * from './api';
export * from './events';
export * from './wire';
export * from './errors';
export * from './transport';
export * from './client';
