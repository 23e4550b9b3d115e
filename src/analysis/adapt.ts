// Library entry point behind `toklens adapt`: trimming and expanding a vocabulary for one language (see vocab/adapt.ts).
export { planAdaptation, type AdaptOptions, type AdaptResult } from "../vocab/adapt.js";
