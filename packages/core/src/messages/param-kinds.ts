// The kinds a server text's parameters are declared as (`defineServerTexts`): here with the server tables that use
// them, not in define.ts, which every page's first download holds.
export const str = { kind: 'string' } as const;
export const num = { kind: 'number' } as const;
export const optStr = { optional: true, kind: 'string' } as const;
export const optNum = { optional: true, kind: 'number' } as const;
