/** What the admin page hands its script (a JSON block in the page, so no inline script is needed). */
export interface FormSetup {
  config: Record<string, unknown>;
  /** The editing office: its own items are written without `unit`, as `npm run new` writes them. */
  office: string;
  /** The site's stylesheet, for the preview. */
  stylesheet: string;
  /** The local backend's address, when saves go through `npm run dev`; it also places new items and renders the preview. */
  api?: string | undefined;
  /** Without the local backend (the published form): each issue's next order number and the URL segments its items take, for naming a new item as `npm run new` does. */
  places?: Record<string, IssuePlace> | undefined;
}

export interface IssuePlace {
  next: number;
  taken: string[];
}

/** The id of the page's JSON block. */
export const SETUP_ID = 'form-setup';
