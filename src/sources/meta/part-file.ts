/** A thread's part: message_1.json is the newest, message_2.json the next, … (Meta's HTML download names its parts alike, .html). */
export const PART_FILE = /^message_(\d+)\.json$/i;
