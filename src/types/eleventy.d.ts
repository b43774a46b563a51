// Eleventy 3 ships no type declarations; this covers the programmatic API the build uses.
declare module '@11ty/eleventy' {
  export interface EleventyOptions {
    quietMode?: boolean;
    configPath?: string | false;
    pathPrefix?: string;
    runMode?: 'build' | 'serve' | 'watch';
    config?: (eleventyConfig: never) => void | Promise<void>;
  }
  /** Adds the path prefix to root-relative URLs in HTML output; filters `htmlBaseUrl`, `transformWithHtmlBase`. */
  export function HtmlBasePlugin(eleventyConfig: never, options?: Record<string, unknown>): void;
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    disableLogger(): void;
    init(): Promise<void>;
    /** Builds, then rebuilds on every change to the input or a watch target. */
    watch(): Promise<unknown>;
    /** Eleventy's dev server (live reload) over the output. */
    serve(port?: number): Promise<void>;
    stopWatch(): Promise<void>;
  }
}

// The dev server Eleventy 3 serves with (a dependency of @11ty/eleventy, pinned by the lockfile).
declare module '@11ty/eleventy-dev-server' {
  import type { Server } from 'node:http';
  export default class EleventyDevServer {
    static getServer(name: string, dir: string, options?: Record<string, unknown>): EleventyDevServer;
    /** Listens on `port` (on every interface, in 2.x: it takes no host). */
    _serverListen(port: number): void;
    readonly server: Server;
    serve(port: number): void;
    ready(): Promise<void>;
    close(): Promise<void>;
  }
}
