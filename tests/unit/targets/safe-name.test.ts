import { describe, expect, it } from "vitest";
import { MAX_NAME_BYTES, NameAllocator, safeName } from "../../../src/targets/safe-name.js";
import { staysInside, windowsRefuses } from "../../helpers/portable.js";

const HOSTILE = [
  "a\\..\\..\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\evil.bat",
  "../../etc/passwd",
  "..",
  ".",
  "",
  "   ",
  "a\u0000b.pdf",
  "tab\there.jpg",
  "line\nbreak.txt",
  "\u001b]0;pwned\u0007.txt",
  "C:evil.txt",
  "CON",
  "con.txt",
  "Nul.tar.gz",
  "COM1",
  "lpt9.log",
  "COM¹.txt",
  "AUX .txt",
  "trailing dot.",
  "trailing space ",
  "...",
  "invoice\u202Efdp.exe",
  "\u2066hidden\u2069.txt",
  'quote"star*what?<>|.txt',
  "\ud800lonely.txt",
  ".bashrc",
];

describe("safeName", () => {
  it.each(HOSTILE)("makes %j one portable name inside the folder on Linux and Windows", (input) => {
    const name = safeName(input);
    expect(name.length).toBeGreaterThan(0);
    expect(windowsRefuses(name)).toBe(false);
    expect(name).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
    expect(name.startsWith(".")).toBe(false);
    staysInside(name);
  });

  it("keeps what is already a good name", () => {
    for (const good of ["사진.jpg", "Photo 2024-01-02.jpeg", "WhatsApp Chat with 가족.zip", "résumé (final).pdf", "😀.png"]) {
      expect(safeName(good)).toBe(good);
    }
  });

  it("turns the Windows escape into a plain name rather than dropping its pieces", () => {
    expect(safeName("a\\..\\..\\Startup\\evil.bat")).toBe("a_.._.._Startup_evil.bat");
    expect(safeName("CON.txt")).toBe("_CON.txt");
    expect(safeName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(safeName("..")).toBe("file");
    expect(safeName("", "Chat")).toBe("Chat");
  });

  it("cuts at most 255 bytes of UTF-8 at a character boundary and keeps the extension", () => {
    const title = "가".repeat(100); // 300 bytes
    const name = safeName(`WhatsApp Chat with ${title}.zip`);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(name.startsWith("WhatsApp Chat with 가")).toBe(true);
    expect(name.endsWith("가.zip")).toBe(true);
    const emoji = safeName(`${"😀".repeat(100)}.jpg`);
    expect(Buffer.byteLength(emoji)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(emoji).toMatch(/^(😀)+\.jpg$/u);
  });

  it("writes one spelling of a Hangul name whatever normal form the input used", () => {
    expect(safeName("한글.txt".normalize("NFD"))).toBe("한글.txt");
  });
});

describe("NameAllocator", () => {
  it("gives colliding names a suffix, ignoring case as Windows and macOS do", () => {
    const names = new NameAllocator();
    expect(names.take("a.pdf")).toBe("a.pdf");
    expect(names.take("a.pdf")).toBe("a (2).pdf");
    expect(names.take("A.PDF")).toBe("A (3).pdf".replace(".pdf", ".PDF"));
    expect(names.take("a?.pdf")).toBe("a_.pdf");
    expect(names.take("a*.pdf")).toBe("a_ (2).pdf");
  });

  it("never reuses a name already in the folder, and keeps suffixed names within 255 bytes", () => {
    const names = new NameAllocator(["result.json"]);
    expect(names.take("result.json")).toBe("result (2).json");
    const long = `${"나".repeat(90)}.jpg`;
    const first = names.take(long);
    const second = names.take(long);
    expect(second).not.toBe(first);
    expect(Buffer.byteLength(second)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(second.endsWith(" (2).jpg")).toBe(true);
  });
});
