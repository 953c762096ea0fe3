/** The English resources must have exactly the keys of the Chinese ones (checked by tsc). */
export type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> }
