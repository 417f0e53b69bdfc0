/**
 * Schemas built on first use instead of at import: so importing the client entry (or a bundle
 * using a few calls) does not build the ~600 generated schemas and every operation's schemas.
 */

/**
 * A stand-in for what `build` returns, built on the first thing done with it (a member read, `in`,
 * listing keys) and the same value ever after; typed as `build`'s result. For module-level schemas
 * a program may never touch. `build` must be pure and not read the value being defined (recursion
 * goes through `Schema.suspend`).
 *
 * Gotchas: it is a `Proxy`: `===` to itself, not to the built value (only the stand-in is ever
 * seen, so caches keyed by it agree); methods run with it as `this`. `typeof` is `"function"`, and
 * `console.log` shows an empty arrow function. `Set`/`Map` methods are bound to the built value;
 * other built-ins needing their own receiver (`Date`, `Promise`) are not supported. Writes go to
 * the built value.
 */
export const lazy = <A extends object>(build: () => A): A => {
  let value: A | undefined
  const force = (): A => {
    if (value === undefined) value = build()
    return value
  }
  // An arrow function target: `typeof` is "function", and it has no non-configurable property, so
  // the proxy's invariants hold whatever `build` returns.
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
 * A function `build` makes on its first call (a compiled decoder), called directly after: no proxy
 * between a hot caller and it. Its `length` and `name` are not the built function's.
 */
export const lazyFunction = <F extends (...args: Array<any>) => unknown>(build: () => F): F => {
  let fn: F | undefined
  return ((...args: Parameters<F>) => (fn ??= build())(...args)) as F
}
