export * from './analysis';
export * from './api';
export * from './batch';
export * from './enums';
export * from './k-anon';
export * from './keys';
export * from './post';
export * from './themes';
