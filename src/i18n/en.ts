import type { Messages } from './i18n.js';
import { LAUNCHER_MESSAGES } from './launcher.js';

/** English, for foreigners and young people living in Việt Nam. */
export const en: Messages = {
  ...LAUNCHER_MESSAGES.en,
  title: 'Public service assistant',
  subtitleAgency: 'Help from {agency}',
  subtitle: 'Questions about administrative procedures',
  close: 'Close the assistant',
  clear: 'Clear the conversation',
  cleared: 'The conversation was cleared.',
  greeting:
    'Hello! I can help you understand procedures and file them online. Type your question, in English or Vietnamese.',
  greetingSuggestions: 'Common questions',
  suggestedQuestions: [
    "How do I register my baby's birth online?",
    'How do I log in with VNeID?',
    'Where can I check my dossier status?',
    'Temporary residence for renters',
  ],
  inputLabel: 'Your question',
  inputPlaceholder: 'For example: renew my ID card',
  send: 'Send question',
  emptyQuestion: 'Please type a question first.',
  searching: 'Looking for an answer…',
  you: 'You asked',
  assistant: 'The assistant answered',
  updated: 'Updated {date}',
  sources: 'Sources',
  suggestIntro: 'Did you mean…',
  handoff: 'Sorry, I do not have a reliable answer to this question yet.',
  contactDefault: "You can call the agency's help line or visit its one-stop desk for guidance.",
  contactAgency: 'You can contact: {contact}',
  modelLoading: 'Loading meaning-based search ({percent} %). Meanwhile the assistant answers by keywords.',
  searchFailed: 'Sorry, the assistant could not search right now. Please try again in a few minutes.',
  announceAnswer: 'The assistant answered: {text}',
  footer: 'Automatic answers from a list of common questions. Never type passwords or OTP codes.',
  storedSession: 'The conversation is kept in this browser tab only.',
  storedLocal: 'The conversation is kept on this device.',
  storedNone: 'The conversation is not kept.',
  showMeSteps: 'Show me step by step',
  openLink: '(opens in a new tab)',
};
