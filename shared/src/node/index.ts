export * from './config';
export * from './log';
export * from './redis';
export * from './redis-server';
export * from './seal';
export * from '../index';
export * from './settings';
export * from './notify-queue';
