import type { DataSource, ObjectLiteral } from "typeorm";

/**
 * Entity instances from hand-written SQL, without TypeORM's hydration: its alias rewriting,
 * per-column transforms and metadata walks were most of a board request's CPU (bench/, scenario 2).
 * The select list names every selectable column by its database name (`date` columns as text, as
 * TypeORM hands them out), and each row's values are copied onto a new instance, so getters and
 * GraphQL fields of the entity class work as with rows TypeORM loaded.
 */
export interface LeanEntity<T> {
  /** `alias.column AS "<prefix>column", …` for every selectable column (a prefix tells joined entities apart). */
  select(alias: string, prefix?: string): string;
  /** Instances from rows selected with `select` (and the same prefix), in order. */
  from(rows: readonly Record<string, unknown>[], prefix?: string): T[];
  /** How many columns `select` lists. */
  readonly width: number;
  /**
   * Instances from rows read as arrays (pg's `rowMode: "array"`), this entity's `select` starting
   * at column `offset`: no row object per row, no lookup by name per column.
   */
  fromArrays(rows: readonly unknown[][], offset?: number): T[];
}

interface Known {
  readonly all: readonly Column[];
  full?: LeanEntity<ObjectLiteral>;
  /** By the projection's set (projections are made once per operation and kept). */
  readonly projected: WeakMap<ReadonlySet<string>, LeanEntity<ObjectLiteral>>;
}

interface Column {
  readonly property: string;
  readonly name: string;
  readonly cast: string;
}

const known = new WeakMap<DataSource, Map<new () => ObjectLiteral, Known>>();

/**
 * Under the test runner, a row read without some of its columns (a projection) throws when one of
 * them is read: a missing entry in `projection.ts` then fails a test instead of answering wrong data.
 */
const GUARD_UNREAD = Boolean(process.env.VITEST);

/**
 * `properties`: read only these of the entity's columns (see `projection.ts`); the others are left
 * unset on the instances. Null or absent: every selectable column.
 */
export function leanEntity<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: new () => T,
  properties?: ReadonlySet<string> | null,
): LeanEntity<T> {
  let perSource = known.get(dataSource);
  if (!perSource) known.set(dataSource, (perSource = new Map()));
  let perEntity = perSource.get(entity);
  if (!perEntity) {
    const all = dataSource
      .getMetadata(entity)
      .columns.filter((column) => column.isSelect)
      .map((column) => ({ property: column.propertyName, name: column.databaseName, cast: column.type === "date" ? "::text" : "" }));
    perSource.set(entity, (perEntity = { all, projected: new WeakMap() }));
  }
  const cached = properties ? perEntity.projected.get(properties) : perEntity.full;
  if (cached) return cached as LeanEntity<T>;
  const all = perEntity.all;
  const columns = properties ? all.filter((c) => properties.has(c.property)) : all;
  const unread = GUARD_UNREAD && properties ? all.filter((c) => !properties.has(c.property)).map((c) => c.property) : [];
  // An instance to fill: under the guard, with the unread columns throwing when read.
  const make = (): Record<string, unknown> => {
    const instance = new entity() as Record<string, unknown>;
    for (const property of unread) {
      Object.defineProperty(instance, property, {
        configurable: true,
        enumerable: false,
        get() {
          throw new Error(`${entity.name}.${property} was not read: add what reads it to FIELD_READS (db/projection.ts)`);
        },
        set(value: unknown) {
          Object.defineProperty(instance, property, { value, writable: true, enumerable: true, configurable: true });
        },
      });
    }
    return instance;
  };
  const keysByPrefix = new Map<string, string[]>();
  const lean: LeanEntity<T> = {
    select: (alias, prefix = "") => columns.map((c) => `${alias}.${c.name}${c.cast} AS "${prefix}${c.name}"`).join(", "),
    width: columns.length,
    fromArrays: (rows, offset = 0) =>
      rows.map((row) => {
        const instance = make();
        for (let i = 0; i < columns.length; i++) instance[columns[i]!.property] = row[offset + i];
        return instance as T;
      }),
    from: (rows, prefix = "") => {
      // The keys of each prefix, made once rather than for every column of every row.
      let keys = keysByPrefix.get(prefix);
      if (!keys) keysByPrefix.set(prefix, (keys = columns.map((c) => prefix + c.name)));
      return rows.map((row) => {
        const instance = make();
        for (let i = 0; i < columns.length; i++) instance[columns[i]!.property] = row[keys[i]!];
        return instance as T;
      });
    },
  };
  if (properties) perEntity.projected.set(properties, lean as LeanEntity<ObjectLiteral>);
  else perEntity.full = lean as LeanEntity<ObjectLiteral>;
  return lean;
}
