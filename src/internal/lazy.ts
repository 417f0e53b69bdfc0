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
export const lazy = <A extends object>(build: () => A): A =>
  // An arrow function target: `typeof` is "function", and it has no non-configurable property, so
  // the proxy's invariants hold whatever `build` returns.
  new Proxy(() => {}, new Stand(build)) as unknown as A

/**
 * The handler of one {@link lazy} stand-in: its state (`build`, then the value) in two fields, its
 * traps on the prototype. Hundreds of stand-ins are made at import (the generated schemas and
 * operations); a handler of arrow functions cost 13 closures each (~900 bytes a stand-in, ~0.6 MiB
 * for the event path's modules), all surviving into the old generation.
 */
class Stand<A extends object> implements ProxyHandler<() => void> {
  build: (() => A) | undefined
  value: A | undefined = undefined
  constructor(build: () => A) {
    this.build = build
  }
  force(): A {
    if (this.value === undefined) {
      this.value = this.build!()
      this.build = undefined
    }
    return this.value
  }
  get(_: unknown, key: string | symbol): unknown {
    const built = this.force()
    const member = Reflect.get(built, key)
    // a Set's or Map's methods work on the built value only (they read its internal slots)
    return typeof member === "function" && (built instanceof Set || built instanceof Map) ? member.bind(built) : member
  }
  set(_: unknown, key: string | symbol, v: unknown): boolean {
    return Reflect.set(this.force(), key, v)
  }
  has(_: unknown, key: string | symbol): boolean {
    return Reflect.has(this.force(), key)
  }
  ownKeys(): Array<string | symbol> {
    return Reflect.ownKeys(this.force())
  }
  getOwnPropertyDescriptor(_: unknown, key: string | symbol): PropertyDescriptor | undefined {
    const descriptor = Reflect.getOwnPropertyDescriptor(this.force(), key)
    return descriptor === undefined || descriptor.configurable === true ? descriptor : { ...descriptor, configurable: true }
  }
  defineProperty(_: unknown, key: string | symbol, descriptor: PropertyDescriptor): boolean {
    return Reflect.defineProperty(this.force(), key, descriptor)
  }
  deleteProperty(_: unknown, key: string | symbol): boolean {
    return Reflect.deleteProperty(this.force(), key)
  }
  getPrototypeOf(): object | null {
    return Reflect.getPrototypeOf(this.force())
  }
  apply(_: unknown, self: unknown, args: Array<unknown>): unknown {
    return Reflect.apply(this.force() as unknown as (...args: Array<unknown>) => unknown, self, args)
  }
}


/**
 * A function `build` makes on its first call (a compiled decoder), called directly after: no proxy
 * between a hot caller and it. Its `length` and `name` are not the built function's.
 */
export const lazyFunction = <F extends (...args: Array<any>) => unknown>(build: () => F): F => {
  let fn: F | undefined
  return ((...args: Parameters<F>) => (fn ??= build())(...args)) as F
}
