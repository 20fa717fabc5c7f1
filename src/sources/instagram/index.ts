import { metaSource } from "../meta/source.js";

/** Instagram's "Download your information" (JSON). */
export const instagram = metaSource("instagram", "Instagram (Download your information, JSON)", ["instagram"]);
