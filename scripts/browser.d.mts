/** See browser.mjs. */
export declare function systemChromium(): string | undefined;
