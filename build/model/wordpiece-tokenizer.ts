import path from 'node:path';
import { writeJson } from './model-index.js';

/**
 * The tokenizer files of a generated BERT-style model (`tokenizer_config.json` and
 * `tokenizer.json`, WordPiece), as transformers.js reads them. The tiny test model and the
 * e5-shaped benchmark model both write theirs here; only their vocabulary, length and
 * normalisation differ.
 */

/** BERT's special tokens, ids 0–4 of every generated vocabulary ([CLS] is 2, [SEP] is 3). */
export const SPECIAL_TOKENS = Object.freeze(['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const);

export interface WordPieceOptions {
  /** Every token, the special ones first (in {@link SPECIAL_TOKENS} order). */
  vocabulary: readonly string[];
  /** `model_max_length` of the tokenizer config. */
  maxLength: number;
  /**
   * NFC before the BERT normaliser (the tiny model reads Vietnamese, whose marks must stay
   * composed), and `clean_up_tokenization_spaces` in the config. Off: BERT's normaliser only.
   */
  vietnamese?: boolean;
}

/** Writes `tokenizer_config.json` and `tokenizer.json` into the model folder `dir`. */
export async function writeWordPieceTokenizer(dir: string, options: WordPieceOptions): Promise<void> {
  const { vocabulary, maxLength, vietnamese = false } = options;
  if (SPECIAL_TOKENS.some((token, id) => vocabulary[id] !== token)) {
    throw new Error(`wordpiece: the vocabulary must start with ${SPECIAL_TOKENS.join(' ')}`);
  }
  await writeJson(path.join(dir, 'tokenizer_config.json'), {
    tokenizer_class: 'BertTokenizer',
    model_max_length: maxLength,
    do_lower_case: true,
    strip_accents: false,
    ...(vietnamese ? { clean_up_tokenization_spaces: true } : {}),
    unk_token: '[UNK]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
  });
  // strip_accents must be false: null would follow `lowercase` and strip Vietnamese marks.
  const bert = { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true };
  await writeJson(path.join(dir, 'tokenizer.json'), {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: vietnamese ? { type: 'Sequence', normalizers: [{ type: 'NFC' }, bert] } : bert,
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: { type: 'BertProcessing', sep: ['[SEP]', 3], cls: ['[CLS]', 2] },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocabulary.map((word, id) => [word, id])),
    },
  });
}
