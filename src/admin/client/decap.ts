/**
 * What the form's script uses of Decap CMS's global API (decap-cms 3.x, `window.CMS`, with
 * React's `h` and `createClass`), typed as far as this project uses it.
 */
export interface ImmutableMap {
  get(key: string): unknown;
  getIn(path: readonly string[]): unknown;
  set(key: string, value: unknown): ImmutableMap;
  toJS(): Record<string, unknown>;
}

/** A file the form knows: its URL, a `blob:` one for a file uploaded but not saved yet. */
export interface AssetProxy {
  toString(): string;
}

export interface PreviewProps {
  entry: ImmutableMap;
  widgetFor(name: string): unknown;
  getAsset(path: string): AssetProxy;
}

export interface EditorComponent {
  id: string;
  label: string;
  fields: readonly Record<string, unknown>[];
  pattern: RegExp;
  fromBlock(match: RegExpMatchArray): Record<string, string>;
  toBlock(data: Record<string, string>): string;
  toPreview(data: Record<string, string>, getAsset: (path: string) => AssetProxy | undefined): unknown;
}

export interface DecapCms {
  init(options: { config: Record<string, unknown> }): void;
  registerCustomFormat(name: string, extension: string, format: { fromFile(text: string): Record<string, unknown>; toFile(data: Record<string, unknown>): string }): void;
  registerEventListener(listener: { name: 'preSave'; handler(event: { entry: ImmutableMap }): Promise<ImmutableMap | undefined> | ImmutableMap | undefined }): void;
  registerPreviewStyle(url: string): void;
  registerPreviewTemplate(collection: string, component: unknown): void;
  registerEditorComponent(component: EditorComponent): void;
}

/** React's element factory and class maker as Decap exposes them. */
export type CreateElement = (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => unknown;

export interface ClassSpec {
  getInitialState?(): Record<string, unknown>;
  componentDidMount?(): void;
  componentDidUpdate?(): void;
  componentWillUnmount?(): void;
  render(): unknown;
}

export interface DecapWindow {
  CMS_MANUAL_INIT?: boolean;
  CMS: DecapCms;
  h: CreateElement;
  createClass(spec: ClassSpec & ThisType<ClassSpec & { props: PreviewProps; state: Record<string, unknown>; setState(state: Record<string, unknown>): void }>): unknown;
}
