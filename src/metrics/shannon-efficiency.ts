// shannon_efficiency: Shannon entropy of the token distribution / log vocabulary size (Zouhar et al. 2023).
import type { MetricDefinition } from "./types.js";
import { shannonEntropy } from "./entropy.js";
import { efficiency } from "./efficiency.js";

/**
 * Shannon efficiency = H(p) / log |V|, H(p) = -sum_w p(w) log p(w) over the unigram distribution of
 * token ids, |V| as for `renyi_efficiency`. In [0, 1]. Zouhar et al. report that, unlike Rényi
 * efficiency, it correlates poorly with downstream translation quality, so toklens marks no "best"
 * value for it.
 *
 * Source: Zouhar et al. (2023), "Tokenization and the Noiseless Channel", ACL 2023 — Shannon efficiency.
 */
export const shannonEfficiency: MetricDefinition<"shannon_efficiency"> = {
  name: "shannon_efficiency",
  description: "Shannon entropy of the token distribution / log vocabulary size.",
  unit: "fraction (0-1)",
  better: null,
  source: 'Zouhar et al. 2023, "Tokenization and the Noiseless Channel" (ACL), Shannon efficiency',
  compute(data, context) {
    return efficiency(data, context.options.efficiencyVocabSize, "shannon_efficiency", shannonEntropy);
  },
};
