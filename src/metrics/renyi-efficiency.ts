// renyi_efficiency: Rényi entropy of the token distribution / log vocabulary size (Zouhar et al. 2023).
import type { MetricDefinition } from "./types.js";
import { renyiEntropy } from "./entropy.js";
import { efficiency } from "./efficiency.js";

/**
 * Rényi efficiency = H_a(p) / log |V|, with p the unigram distribution of token ids over the corpus,
 * H_a(p) = log(sum_w p(w)^a) / (1 - a) (a = 2.5 by default) and |V| the vocabulary size — the
 * tokenizer's (`efficiencyVocabSize: "vocabulary"`, toklens' default) or the number of distinct tokens
 * observed (`"observed"`, tokenization-scorer's default). The log base cancels. In [0, 1]; higher
 * means tokens are used more evenly, which Zouhar et al. found to predict downstream MT quality
 * (BLEU) better than sequence length.
 *
 * Source: Zouhar, Meister, Gastaldi, Du, Sachan, Cotterell (2023), "Tokenization and the Noiseless
 * Channel", ACL 2023 — Rényi efficiency; reference implementation: the tokenization-scorer package.
 */
export const renyiEfficiency: MetricDefinition<"renyi_efficiency"> = {
  name: "renyi_efficiency",
  description: "Rényi entropy (order alpha, 2.5 by default) of the token distribution / log vocabulary size.",
  unit: "fraction (0-1)",
  better: "higher",
  source: 'Zouhar et al. 2023, "Tokenization and the Noiseless Channel" (ACL), Rényi efficiency',
  display: { label: "Rényi eff.", format: "number", digits: 3 },
  compute(data, context) {
    return efficiency(data, context.options.efficiencyVocabSize, "renyi_efficiency", (counts) =>
      renyiEntropy(counts, context.options.renyiAlpha),
    );
  },
};
