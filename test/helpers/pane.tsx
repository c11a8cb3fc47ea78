/**
 * Rendering the task pane under jest + jsdom. Import only from a test file with the jsdom
 * environment (`@jest-environment jsdom`).
 */
import type { ReactElement, ReactNode } from "react";
import { FluentProvider, RendererProvider, createDOMRenderer, type GriffelRenderer, type PartialTheme } from "@fluentui/react-components";
import { render, type RenderResult } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

// jsdom has no ResizeObserver, which Fluent UI's TabList and overflow helpers use.
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

/**
 * The CSS that testing-library and user-event read: whether an element is hidden (display,
 * visibility: getByRole leaves hidden elements out and names a Tab without its hidden bold copy)
 * and whether it takes the pointer (pointer-events: user-event refuses to click through none).
 * Fluent inserts some 850 other rules (colours, spacing), and jsdom matches every rule against
 * every element each time getComputedStyle is called, which testing-library does for each
 * element a query looks at and user-event for each element clicked and its ancestors: with them
 * a screen's test took several seconds, without them under one. Griffel writes one declaration
 * a rule, so a rule is kept when it sets one of these properties, whatever the value, and the
 * cascade of each stays as in the browser.
 */
const READ_BY_TESTS = /[{;]\s*(?:display|visibility|pointer-events)\s*:/;

let renderer: GriffelRenderer | null = null;

/** One renderer for the file's document, so each rule is inserted once, as in the browser. */
function testRenderer(): GriffelRenderer {
  renderer ??= createDOMRenderer(document, { unstable_filterCSSRule: (rule) => READ_BY_TESTS.test(rule) });
  return renderer;
}

/**
 * Fluent's provider with an empty theme: webLightTheme (the pane's) is some 500 CSS variables on
 * the provider's element, colours, fonts and sizes that no test reads, and jsdom (cssstyle)
 * copies them one by one, rebuilding the whole text of the declaration each time, whenever
 * getComputedStyle is asked about that element, which every query and click asks about each
 * ancestor of what it looks at. (Empty rather than none, which Fluent warns about.)
 */
const NO_THEME: PartialTheme = {};

function inFluent(ui: ReactNode): ReactElement {
  return (
    <RendererProvider renderer={testRenderer()} targetDocument={document}>
      <FluentProvider theme={NO_THEME}>{ui}</FluentProvider>
    </RendererProvider>
  );
}

/** Renders `ui` (a screen, or the whole App) as the pane does, in Fluent's provider, with a user to drive it. */
export function renderPane(ui: ReactElement): RenderResult & { user: ReturnType<typeof userEvent.setup> } {
  const user = userEvent.setup();
  const result = render(inFluent(ui));
  return { ...result, rerender: (next: ReactNode) => result.rerender(inFluent(next)), user };
}
