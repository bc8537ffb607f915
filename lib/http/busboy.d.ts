// The multipart parser Next.js itself decodes server actions with (next/dist/server/app-render/action-handler.js),
// which ships without types. Only what lib/http/action-body.ts uses.
declare module "next/dist/compiled/busboy" {
  import type { Readable, Writable } from "node:stream";

  interface Busboy extends Writable {
    /** `name` is undefined for a part whose Content-Disposition names no field. */
    on(event: "field", listener: (name: string | undefined, value: string) => void): this;
    on(event: "file", listener: (name: string, stream: Readable) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
  function busboy(config: { headers: Record<string, string>; defParamCharset?: string }): Busboy;
  export default busboy;
}
