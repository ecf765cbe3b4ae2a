import { describe, expect, it } from "vitest";
import { decodeEntities } from "../../../src/ingest/text/entities.js";
import { htmlToText } from "../../../src/ingest/text/html-to-text.js";

describe("htmlToText", () => {
  it("turns blocks into line breaks and keeps inline text together", () => {
    expect(htmlToText("<h1>Title</h1><p>First <b>bold</b> <a href='/x'>link</a>.</p><p>Second<br>line</p><ul><li>a</li><li>b</li></ul>")).toBe(
      "Title\nFirst bold link.\nSecond\nline\na\nb",
    );
  });

  it("separates table cells with spaces", () => {
    expect(htmlToText("<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>")).toBe("1 2\n3");
  });

  it("drops script, style, noscript and comments with their content", () => {
    expect(htmlToText(`a<script>document.write("<p>x</p>")</script>b<style>p{color:red}</style>c<noscript><img src=x>no js</noscript>d<!-- <p>hidden</p> -->e`)).toBe("abcde");
    expect(htmlToText("a<SCRIPT type='text/javascript'>x</SCRIPT >b")).toBe("ab");
  });

  it("decodes named, decimal and hex entities, once", () => {
    expect(htmlToText("caf&eacute; &amp;amp; &#8217;&#x2019;&#X201C; &nbsp;&mdash;&hellip; &lt;p&gt; &copy 2024")).toBe("café &amp; ’’“ —… <p> © 2024");
  });

  it("collapses whitespace, including no-break spaces, and trims lines", () => {
    expect(htmlToText("  a \t\n b&nbsp;&nbsp;c \u00a0 <p>  d  </p>\n\n<p></p>  ")).toBe("a b c\nd");
  });

  it("keeps a literal less-than sign and survives broken markup", () => {
    expect(htmlToText("1 < 2 and 3<4, <3")).toBe("1 < 2 and 3<4, <3");
    expect(htmlToText(`<a title="x > y">t</a> <img alt="unclosed>u <p>v`)).toBe("t u\nv");
    expect(htmlToText("before <!-- never closed")).toBe("before");
    expect(htmlToText("<p class=foo\">stray quote</p>after")).toBe("stray quote\nafter");
  });

  it("reads CDATA as text", () => {
    expect(htmlToText("<![CDATA[x < y & z]]>")).toBe("x < y & z");
  });

  it.each([
    ["many <", "<".repeat(5_000_000)],
    ["open tags", "<a ".repeat(1_700_000)],
    ["open quotes", '<a b="'.repeat(800_000)],
    ["open comments", "<!--".repeat(1_200_000)],
    ["ampersands", "&#".repeat(2_500_000)],
    ["scripts", "<script>".repeat(600_000)],
    ["paragraphs", "<p>x</p>".repeat(600_000)],
  ])("finishes 5 MB of %s in bounded time", (_name, html) => {
    const started = performance.now();
    htmlToText(html);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe("decodeEntities", () => {
  it("maps C1 numeric references as windows-1252 and rejects invalid code points", () => {
    expect(decodeEntities("&#150;&#151;&#146;")).toBe("–—’");
    expect(decodeEntities("&#0;&#xD800;&#x110000;")).toBe("\ufffd\ufffd\ufffd");
  });

  it("leaves unknown names and legacy names followed by letters alone", () => {
    expect(decodeEntities("&bogus; &copyright &amp")).toBe("&bogus; &copyright &");
  });
});
