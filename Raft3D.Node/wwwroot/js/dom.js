// DOM building with text only. Every value from the API reaches the page through textContent or an
// attribute set with setAttribute, never through innerHTML, so a printer named "<img onerror=...>" is
// shown as those characters and never parsed as markup.

/**
 * Creates an element. attrs: plain attributes (set with setAttribute), except `text` (textContent),
 * `on` (an object of event listeners), `style` (an object of CSS properties, set through the CSSOM: the page's
 * Content-Security-Policy refuses style attributes) and boolean `hidden`/`disabled`. Children are nodes or strings.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else if (name === 'on') for (const [type, listener] of Object.entries(value)) node.addEventListener(type, listener);
    else if (name === 'style') Object.assign(node.style, value);
    else if (name === 'hidden' || name === 'disabled') node[name] = Boolean(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** The same for SVG, whose elements need their namespace. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (name === 'text') node.textContent = String(value);
    else node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/**
 * Replaces a container's children, keeping what a keyboard user was doing: focus goes back to the control
 * that had it, and a value typed or chosen in a control that is not submitted yet is kept (both matched by
 * data-focus-key), so a live event that redraws the list does not throw away half-entered input.
 */
export function replaceChildrenKeepingFocus(container, children) {
  const active = document.activeElement;
  const focused = active && container.contains(active) ? active.getAttribute('data-focus-key') : null;
  const edited = new Map();
  for (const control of container.querySelectorAll('input[data-focus-key], select[data-focus-key]')) {
    if (isEdited(control)) edited.set(control.getAttribute('data-focus-key'), control.value);
  }

  container.replaceChildren(...children);

  for (const control of container.querySelectorAll('[data-focus-key]')) {
    const key = control.getAttribute('data-focus-key');
    if (edited.has(key)) control.value = edited.get(key);
    if (key === focused) control.focus();
  }
}

function isEdited(control) {
  return control.tagName === 'SELECT'
    ? [...control.options].some(option => option.selected !== option.defaultSelected)
    : control.value !== control.defaultValue;
}

/** Grams as people read them: up to three decimals, no trailing zeros. */
export function grams(value) {
  const number = Number(value);
  return Number.isFinite(number) ? `${number.toLocaleString('en-US', { maximumFractionDigits: 3 })} g` : '—';
}

/** An ISO time as a short local date and time; a dash for none. */
export function when(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' });
}

/** Coalesces many redraw requests (a Done job makes four events) into one redraw on the next turn. */
export function coalesced(draw) {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    setTimeout(() => { pending = false; draw(); }, 0);
  };
}
