import type { z } from 'zod';
/** The media type of a `Content-Type` header, lower-cased, without parameters. */
export declare function mediaType(header: string | null): string;
/** Paths and issue codes only: zod issues carry `input` values, which may be card IDs. */
export declare function summarizeIssues(error: z.ZodError): {
    path: string;
    code: string;
}[];
/**
 * Turns a response into validated data or a typed error: an error status → `ApiProblemError`
 * (problem+json) or `ApiHttpError`; a 2xx that is not JSON (e.g. a proxy's HTML page) →
 * `content-type`; unparsable → `malformed-json`; cut short → `truncated`; wrong shape → `schema`.
 */
export declare function readResponse<S extends z.ZodType>(response: Response, schema: S, nowMs: number): Promise<z.infer<S>>;
