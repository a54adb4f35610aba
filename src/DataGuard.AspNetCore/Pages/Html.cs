using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace DataGuard.AspNetCore.Pages;

/// <summary>
/// Builds the server-rendered HTML of DataGuard's pages. Every value that is not a literal of this assembly goes through
/// <see cref="Text"/> or <see cref="Attr"/>, which HTML-encode it; markup comes only from <see cref="Raw"/> with
/// constant strings. No inline script or style is ever written, so the pages work under a strict Content-Security-Policy.
/// </summary>
internal sealed class Html
{
    private readonly StringBuilder _builder = new(4096);

    /// <summary>Appends trusted markup (a literal of this assembly).</summary>
    public Html Raw(string markup)
    {
        _builder.Append(markup);
        return this;
    }

    /// <summary>Appends text, encoded.</summary>
    public Html Text(string? text)
    {
        if (text is not null)
        {
            _builder.Append(HtmlEncoder.Default.Encode(text));
        }

        return this;
    }

    /// <summary>Appends a number in invariant text.</summary>
    public Html Number(long value) => Raw(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Appends <c> name="value"</c> with the value encoded.</summary>
    public Html Attr(string name, string? value) => Raw(" ").Raw(name).Raw("=\"").Text(value).Raw("\"");

    /// <summary>Appends <c>&lt;tag&gt;text&lt;/tag&gt;</c> with the text encoded.</summary>
    public Html Element(string tag, string? text, string? cssClass = null)
    {
        Raw("<").Raw(tag);
        if (cssClass is not null)
        {
            Attr("class", cssClass);
        }

        return Raw(">").Text(text).Raw("</").Raw(tag).Raw(">");
    }

    /// <summary>Appends a <c>&lt;time&gt;</c> element with a machine-readable value and UTC text.</summary>
    public Html Time(DateTimeOffset? value)
    {
        if (value is not { } time)
        {
            return Text("—");
        }

        return Raw("<time").Attr("datetime", time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)).Raw(">")
            .Text(time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Raw("</time>");
    }

    /// <summary>Appends a hidden antiforgery field.</summary>
    public Html Antiforgery(PageContext page)
        => Raw("<input type=\"hidden\"").Attr("name", page.AntiforgeryField).Attr("value", page.AntiforgeryToken).Raw(">");

    /// <summary>Opens a POST form to <paramref name="action"/> with its antiforgery field.</summary>
    public Html Form(PageContext page, string action, string? cssClass = null, string? label = null)
    {
        Raw("<form method=\"post\"").Attr("action", action);
        if (cssClass is not null)
        {
            Attr("class", cssClass);
        }

        if (label is not null)
        {
            Attr("aria-label", label);
        }

        return Raw(">").Antiforgery(page);
    }

    /// <summary>A labelled input (text, number, date…); <paramref name="extra"/> holds further attributes, written as given
    /// (such as <c>required</c> or <c>maxlength="500"</c>).</summary>
    public Html Input(string id, string name, string label, string type = "text", string? value = null, string? extra = null)
    {
        Raw("<div class=\"field\"><label").Attr("for", id).Raw(">").Text(label).Raw("</label><input").Attr("id", id).Attr("name", name).Attr("type", type);
        if (value is not null)
        {
            Attr("value", value);
        }

        if (extra is not null)
        {
            Raw(" ").Raw(extra);
        }

        return Raw("></div>");
    }

    /// <summary>A labelled select; options are (value, text) pairs, both encoded.</summary>
    public Html Select(string id, string name, string label, IEnumerable<(string Value, string Text)> options, string? selected = null)
    {
        Raw("<div class=\"field\"><label").Attr("for", id).Raw(">").Text(label).Raw("</label><select").Attr("id", id).Attr("name", name).Raw(">");
        foreach (var (value, text) in options)
        {
            Raw("<option").Attr("value", value);
            if (string.Equals(value, selected, StringComparison.Ordinal))
            {
                Raw(" selected");
            }

            Raw(">").Text(text).Raw("</option>");
        }

        return Raw("</select></div>");
    }

    /// <summary>A submit button.</summary>
    public Html Button(string text, string cssClass = "button") => Raw("<button type=\"submit\"").Attr("class", cssClass).Raw(">").Text(text).Raw("</button>");

    /// <summary>A notice (success or error) announced to assistive technology.</summary>
    public Html Alert(string? message, bool error)
    {
        if (message is null)
        {
            return this;
        }

        return Raw(error ? "<p class=\"alert alert-error\" role=\"alert\">" : "<p class=\"alert alert-ok\" role=\"status\">").Text(message).Raw("</p>");
    }

    public override string ToString() => _builder.ToString();
}
