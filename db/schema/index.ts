export * from './organizations';
export * from './accounts';
export * from './resources';
export * from './bookings';
export * from './seasons';
export * from './workshops';
export * from './integrations';
export * from './audit';
