import DOMPurify from 'dompurify';
import { Marked } from 'marked';

/**
 * The only tags and attributes an answer may contain, from the corpus or the central
 * API alike. No images (no third-party requests), no tables, no raw HTML.
 */
const ALLOWED_TAGS = Object.freeze([
  'p', 'br', 'strong', 'em', 'b', 'i', 'ul', 'ol', 'li', 'a', 'code', 'blockquote', 'h3', 'h4', 'h5', 'hr',
]);
const ALLOWED_ATTR = Object.freeze(['href', 'title', 'start']);
const SAFE_URL = /^(?:https?:|mailto:|tel:|\/|\.{0,2}\/|#)/i;

const marked = new Marked({ gfm: true, breaks: false, async: false });
// Headings inside an answer card sit under the card's own heading, so # becomes h3.
marked.use({
  renderer: {
    heading({ tokens, depth }) {
      const level = Math.min(5, depth + 2);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    html() {
      return ''; // raw HTML in Markdown is never rendered
    },
  },
});

let purifier: ReturnType<typeof DOMPurify> | null = null;

function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  purifier = DOMPurify(window);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href') ?? '';
    if (!SAFE_URL.test(href.trim())) {
      node.removeAttribute('href');
      return;
    }
    node.setAttribute('rel', 'noopener noreferrer');
    const external = /^https?:/i.test(href) && new URL(href).origin !== location.origin;
    // External links open beside the page so the citizen keeps the form they were filling.
    if (external) node.setAttribute('target', '_blank');
    else node.removeAttribute('target');
  });
  return purifier;
}

/**
 * Renders untrusted Markdown to sanitised HTML: marked for the syntax, DOMPurify with an
 * allow-list for safety, every link `rel="noopener noreferrer"`.
 *
 * @example renderMarkdown('1. Đăng nhập **VNeID**') // '<ol>\n<li>Đăng nhập <strong>VNeID</strong></li>\n</ol>\n'
 */
export function renderMarkdown(markdown: string): string {
  const unsafeHtml = marked.parse(markdown) as string;
  return getPurifier().sanitize(unsafeHtml, {
    ALLOWED_TAGS: [...ALLOWED_TAGS],
    ALLOWED_ATTR: [...ALLOWED_ATTR],
    ALLOW_DATA_ATTR: false,
  });
}
