import { metaSource } from "../meta/source.js";

/** Facebook Messenger's "Download your information" (JSON), and its end-to-end encrypted chats' download. */
export const messenger = metaSource("messenger", "Facebook Messenger (Download your information, JSON)", ["messenger", "undecided"]);
