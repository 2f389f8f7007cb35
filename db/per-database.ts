import type { Database } from './client';

/** One instance per database (a batcher), shared by every request this process serves with it. */
export function perDatabase<T>(create: (db: Database) => T): (db: Database) => T {
  const instances = new WeakMap<Database, T>();
  return (db) => {
    let instance = instances.get(db);
    if (instance === undefined) {
      instance = create(db);
      instances.set(db, instance);
    }
    return instance;
  };
}
