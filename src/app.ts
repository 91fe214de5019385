/**
 * The app chunk: loaded by `<dvc-assistant>` on idle, first interaction or launcher
 * press. It defines the Lit panel and wires it to the services it needs.
 */
import type { AppHandle, HostContext } from './elements/dvc-assistant/app-contract.js';
import { DvcAssistantPanel, defineDvcAssistantPanel } from './elements/dvc-assistant-panel/dvc-assistant-panel.js';
import { warnOnce } from './internal/warn.js';
import { createSearchClient, type SearchClient } from './search/client.js';
import { createConversationStore } from './storage/conversation-store.js';
import { sessionId } from './storage/small-state.js';
import { startBeacon } from './telemetry/beacon.js';
import { telemetryUrl } from './telemetry/records.js';
import { toursUrl } from './tours/catalog.js';
import { createTourOffer } from './tours/offer.js';

/** Parts of the panel that integrators style and test through `dvc-assistant::part(…)`. */
const EXPORTED_PARTS = [
  'panel', 'input', 'send', 'message', 'answer', 'suggestions', 'clear', 'close', 'model-progress',
  // handoff, dossiers, feedback (handoff-views.ts)
  'consent', 'consent-accept', 'consent-decline', 'handoff-status', 'handoff-send', 'dossier', 'dossier-lookup', 'dossier-follow',
  'feedback', 'feedback-up', 'feedback-down', 'feedback-reason', 'feedback-send', 'report-missing', 'survey', 'survey-rating', 'survey-send',
  // the "Chỉ cho tôi từng bước" button of an answer (tour-offer.ts)
  'tour-start',
];

export const WORKER_ENTRY = 'dvc-assistant.worker.js';
export const CORPUS_FILE = 'corpus.json';

/** Mounts the panel into the host's shadow root and returns the handle the host drives. */
export function mount(context: HostContext): AppHandle {
  defineDvcAssistantPanel();
  let client: SearchClient | null = null;
  const search = (): SearchClient => {
    if (client) return client;
    const config = context.config();
    const created = createSearchClient({
      corpusUrl: config.corpus ?? new URL(CORPUS_FILE, context.base).href,
      workerUrl: new URL(WORKER_ENTRY, context.base).href,
      model: config.model,
      ...(config.modelBase ? { modelBase: config.modelBase } : {}),
    });
    created.onProgress(({ loaded, total }) => (panel.modelProgress = total > 0 ? Math.min(1, loaded / total) : 0));
    created.onModeChange(() => (panel.modelProgress = null));
    // The client exists only once the citizen has opened the panel or asked: intent shown,
    // so the model may start downloading (it does only where one is listed).
    created.loadModel();
    // A corpus that failed to download (a flaky connection) is fetched again at the next question.
    created.ready.catch(() => {
      if (client !== created) return;
      client = null;
      created.dispose();
    });
    return (client = created);
  };

  const panel = new DvcAssistantPanel();
  panel.setAttribute('exportparts', EXPORTED_PARTS.join(', '));
  panel.services = {
    search,
    store: createConversationStore(context.config().persist, (error) => warnOnce(error.message)),
    events: context.element,
    onStorageFallback: (error) => warnOnce(error.message),
  };
  panel.onRequestClose = (source) => context.requestClose(source);
  panel.onBadge = (count) => context.setBadge?.(count);
  const stopTelemetry = startTelemetry(context);
  panel.tours = createTourOffer(
    () => toursUrl(context.config().tours, context.base),
    (id) => context.startTour(id),
    () => panel.requestUpdate(),
  );
  const sync = () => {
    panel.language = context.lang();
    panel.config = context.config();
  };
  sync();
  context.root.append(panel);

  return {
    setOpen(open, focus) {
      panel.open = open;
      if (open) {
        search(); // the corpus starts loading as soon as the citizen shows intent
        if (focus) void panel.focusStart();
      }
    },
    ask(text) {
      void panel.ask(text);
    },
    notify(text) {
      void panel.notify(text);
    },
    update: sync,
    dispose() {
      client?.dispose();
      stopTelemetry();
      panel.remove();
    },
  };
}

/**
 * The beacon (when `telemetry` allows and there is somewhere to send) and, unless telemetry is
 * `off`, the widget's web-vitals as `dvc-vitals` events. Each part fails alone.
 */
function startTelemetry(context: HostContext): () => void {
  const config = context.config();
  if (config.telemetry === 'off') return () => {};
  const teardowns: (() => void)[] = [];
  const url = telemetryUrl(config.telemetry, config.api, config.apiType);
  try {
    const alreadyOpen = context.element.hasAttribute('open');
    if (url) teardowns.push(startBeacon({ url, events: context.element, sessionId, lang: () => context.lang(), alreadyOpen }));
  } catch (error) {
    warnOnce(`telemetry is off on this page: ${String(error)}`);
  }
  let stopped = false;
  import('./telemetry/vitals.js')
    .then(({ reportVitals }) => {
      if (!stopped) teardowns.push(reportVitals(context.element));
    })
    .catch((error: unknown) => console.info('dvc-assistant: web-vitals could not be loaded', error));
  return () => {
    stopped = true;
    for (const teardown of teardowns.splice(0)) teardown();
  };
}
