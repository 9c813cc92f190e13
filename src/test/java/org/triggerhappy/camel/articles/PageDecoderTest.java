package org.triggerhappy.camel.articles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageDecoderTest {

    private static final String TEXT = "Caf\u00e9 cr\u00e8me \u2013 \u201cna\u00efve\u201d";
    private static final Charset CP1252 = Charset.forName("windows-1252");

    private static byte[] page(String head, Charset charset) {
        return ("<html><head>" + head + "</head><body><p>" + TEXT + "</p></body></html>").getBytes(charset);
    }

    @Test
    void the_content_type_header_names_the_charset() {
        assertThat(PageDecoder.decode(page("", CP1252), "text/html; charset=windows-1252")).contains(TEXT);
        assertThat(PageDecoder.decode(page("", CP1252), "text/html;charset=\"Windows-1252\"")).contains(TEXT);
    }

    @Test
    void the_header_wins_over_a_wrong_meta() {
        byte[] bytes = page("<meta charset=\"utf-8\">", CP1252);
        assertThat(PageDecoder.decode(bytes, "text/html; charset=windows-1252")).contains(TEXT);
    }

    @Test
    void a_meta_charset_is_used_when_the_header_has_none() {
        assertThat(PageDecoder.decode(page("<meta charset='windows-1252'>", CP1252), "text/html")).contains(TEXT);
    }

    @Test
    void a_meta_http_equiv_content_type_is_used_too() {
        byte[] bytes = page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">",
                StandardCharsets.ISO_8859_1);
        String latin1Text = "Caf\u00e9 cr\u00e8me na\u00efve";
        byte[] latin1 = new String(bytes, StandardCharsets.ISO_8859_1).replace(
                new String(TEXT.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1), latin1Text)
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(PageDecoder.decode(latin1, null)).contains(latin1Text);
    }

    @Test
    void iso_8859_1_is_read_as_windows_1252_as_browsers_do() {
        // 0x93/0x94 are curly quotes in windows-1252 and control characters in ISO-8859-1
        byte[] bytes = page("<meta charset=iso-8859-1>", CP1252);
        assertThat(PageDecoder.decode(bytes, null)).contains(TEXT);
    }

    @Test
    void a_byte_order_mark_wins_and_is_not_part_of_the_text() {
        byte[] body = page("<meta charset='windows-1252'>", StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);

        String decoded = PageDecoder.decode(withBom, "text/html; charset=windows-1252");
        assertThat(decoded).startsWith("<html>").contains(TEXT);

        byte[] utf16 = ("\uFEFF<p>" + TEXT + "</p>").getBytes(StandardCharsets.UTF_16BE);
        assertThat(PageDecoder.decode(utf16, null)).isEqualTo("<p>" + TEXT + "</p>");
    }

    @Test
    void utf8_is_the_default_and_an_unknown_charset_falls_back_to_it() {
        assertThat(PageDecoder.decode(page("", StandardCharsets.UTF_8), null)).contains(TEXT);
        assertThat(PageDecoder.decode(page("", StandardCharsets.UTF_8), "text/html; charset=x-no-such")).contains(TEXT);
    }

    @Test
    void malformed_bytes_become_replacement_characters_and_nothing_is_empty() {
        assertThat(PageDecoder.decode(new byte[] {'a', (byte) 0xC3, 'b'}, "text/html; charset=utf-8"))
                .isEqualTo("a\uFFFDb");
        assertThat(PageDecoder.decode(new byte[0], null)).isEmpty();
        assertThat(PageDecoder.decode(null, null)).isEmpty();
    }
}
