/**
 * Schemas built on first use instead of at import: what keeps the import of the client entry (and
 * of a bundle that uses a few of its calls) from building the ~600 generated schemas and the
 * schemas of every operation it keeps.
 *
 * @internal
 */

/**
 * A stand-in for the schema (or any other object or function) that `build` returns, built on the
 * first thing done with it — reading a member (`.ast`, `.fields`, `.pipe`), `in`, listing its
 * keys — and the same built value ever after. Its type is `build`'s, so a generated
 * `export const Session = lazy(() => Schema.Struct({ … }))` declares exactly what the eager
 * constant did.
 *
 * Use it for module-level schemas that a program may never touch; a schema that is used at once
 * gains nothing. `build` must be pure and must not read the value being defined (a recursive
 * schema goes through `Schema.suspend`, as before).
 *
 * Gotchas: the stand-in is a `Proxy`, so the value is `===` to itself but not to what `build`
 * returns (every user sees only the stand-in, so caches keyed by it stay consistent); methods run
 * with the stand-in as `this` and reach the built value through it. `typeof` is `"function"` like
 * an effect schema's, and `util.inspect` (so `console.log`) shows the stand-in's target, an
 * empty arrow function, not the schema. A `Set`'s or `Map`'s methods are bound to the built
 * value; other built-ins whose methods need their own receiver (`Date`, `Promise`) are not
 * supported. Writing to it (`Object.defineProperty`, assignment) writes to the built value.
 *
 * @internal
 */
export const lazy = <A extends object>(build: () => A): A => {
  let value: A | undefined
  const force = (): A => {
    if (value === undefined) value = build()
    return value
  }
  // An arrow function as the target: `typeof` answers "function" as for an effect schema, and it
  // has no non-configurable property of its own, so the proxy's invariants hold whatever `build`
  // returns (the built value's fixed properties are reported as configurable).
  const target = () => {}
  return new Proxy(target, {
    get: (_, key) => {
      const built = force()
      const member = Reflect.get(built, key)
      // a Set's or Map's methods work on the built value only (they read its internal slots)
      return typeof member === "function" && (built instanceof Set || built instanceof Map) ? member.bind(built) : member
    },
    set: (_, key, v) => Reflect.set(force(), key, v),
    has: (_, key) => Reflect.has(force(), key),
    ownKeys: () => Reflect.ownKeys(force()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(force(), key)
      return descriptor === undefined || descriptor.configurable === true ? descriptor : { ...descriptor, configurable: true }
    },
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(force(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(force(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(force()),
    apply: (_, self, args) => Reflect.apply(force() as unknown as (...args: Array<unknown>) => unknown, self, args)
  }) as unknown as A
}


/**
 * A function that `build` makes on its first call (a compiled decoder, say), called directly ever
 * after: unlike {@link lazy}, no proxy stands between a hot caller and it. Only for functions; the
 * result has `build`'s function type (its own `length` and `name` are not the built function's).
 *
 * @internal
 */
export const lazyFunction = <F extends (...args: Array<any>) => unknown>(build: () => F): F => {
  let fn: F | undefined
  return ((...args: Parameters<F>) => (fn ??= build())(...args)) as F
}
