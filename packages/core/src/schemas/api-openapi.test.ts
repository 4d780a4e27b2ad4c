import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import * as z from 'zod/mini';
import { buildOpenApiDocument } from './api-openapi.js';
import { CardIdSchema, ProblemSchema, UsageRecordSchema, UsageRequestSchema } from './api.js';

const committed = fileURLToPath(new URL('../../../../docs/openapi.json', import.meta.url));

describe('docs/openapi.json', () => {
  it('equals the document generated from the zod schemas (regenerate with packages/sandbox/scripts/write-openapi.ts)', () => {
    expect(JSON.parse(readFileSync(committed, 'utf8'))).toStrictEqual(buildOpenApiDocument());
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(buildOpenApiDocument());
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every operation of the client and every schema it references', () => {
    const doc = buildOpenApiDocument() as {
      paths: Record<string, Record<string, { operationId: string }>>;
      components: { schemas: Record<string, unknown> };
    };
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(operations.sort()).toEqual(
      [
        'getShowTally',
        'health',
        'listShows',
        'listUsages',
        'lookupCard',
        'lookupCardByPath',
        'registerBatch',
        'registerUsage',
        'voidUsage',
      ].sort(),
    );
    const refs = [...JSON.stringify(doc).matchAll(/"#\/components\/schemas\/([A-Za-z]+)"/g)].map(
      (m) => m[1]!,
    );
    for (const name of refs) expect(doc.components.schemas, name).toHaveProperty(name);
    expect(JSON.stringify(doc)).not.toContain('#/$defs/');
  });

  it("documents a card operation's own 404 (card-not-registered), not the shared no-such-path one", () => {
    const doc = buildOpenApiDocument() as {
      paths: Record<
        string,
        Record<string, { operationId: string; responses: Record<string, { description: string }> }>
      >;
    };
    const notFound = Object.fromEntries(
      Object.values(doc.paths).flatMap((p) =>
        Object.values(p).map((o) => [o.operationId, o.responses['404']?.description]),
      ),
    );
    for (const op of ['lookupCard', 'lookupCardByPath', 'registerUsage'])
      expect(notFound[op], op).toContain('card-not-registered');
  });
});

describe('the contract modules', () => {
  it("register nothing in zod's global registry, at load or while the document is built", () => {
    // A registration at module load is a side effect: bundlers would then keep every schema of the
    // module (and zod's registry) in any bundle that imports one of them.
    buildOpenApiDocument();
    for (const schema of [CardIdSchema, ProblemSchema, UsageRequestSchema, UsageRecordSchema])
      expect(z.globalRegistry.has(schema)).toBe(false);
    expect(z.globalRegistry._idmap.size).toBe(0);
  });

  it('build the same document on every call (a fresh metadata registry each time)', () => {
    expect(buildOpenApiDocument()).toStrictEqual(buildOpenApiDocument());
  });
});
