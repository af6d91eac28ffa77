// The dynamic import of modules known only at run time: the user's rule files. One function, so
// that the scan bundle can take it from its launcher (build/bundle.mjs, bin/scan-bundle.cjs):
// in Node 20, code compiled from a V8 code cache made by another process cannot run `import()`.
export function importModule(specifier: string): Promise<unknown> {
  return import(specifier);
}
