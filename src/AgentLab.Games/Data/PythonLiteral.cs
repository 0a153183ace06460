using System.Globalization;
using System.Text;

namespace AgentLab.Games.Data;

/// <summary>A Python tuple literal, e.g. the <c>(60000, 784)</c> shape of a .npy header.</summary>
internal sealed record PythonTuple(IReadOnlyList<object> Items);

/// <summary>A Python list literal, e.g. the field list of a structured dtype in a .npy header.</summary>
internal sealed record PythonList(IReadOnlyList<object> Items);

/// <summary>
/// Parses the small subset of Python literal syntax that .npy headers are written in (numpy writes them with
/// <c>repr</c> of a dict): dicts with string keys, strings, integers, True/False/None, tuples and lists.
/// Values come back as Dictionary&lt;string, object&gt;, string, long, bool, <see cref="PythonNone"/>,
/// <see cref="PythonTuple"/> or <see cref="PythonList"/>.
/// </summary>
internal sealed class PythonLiteral
{
    /// <summary>Stands for Python's None (a null would make every caller deal with nullable items).</summary>
    public static readonly object PythonNone = new();

    private readonly string _text;
    private int _position;

    private PythonLiteral(string text) => _text = text;

    /// <exception cref="FormatException">The text is not one literal of the supported subset.</exception>
    public static object Parse(string text)
    {
        var parser = new PythonLiteral(text);
        var value = parser.ParseValue();
        parser.SkipWhitespace();
        if (parser._position != text.Length)
        {
            throw parser.Error("unexpected text after the literal");
        }

        return value;
    }

    private object ParseValue()
    {
        SkipWhitespace();
        if (_position >= _text.Length)
        {
            throw Error("unexpected end of text");
        }

        char c = _text[_position];
        return c switch
        {
            '{' => ParseDict(),
            '(' => ParseTuple(),
            '[' => new PythonList(ParseSequence('[', ']', out _)),
            '\'' or '"' => ParseString(),
            _ when c == '-' || c == '+' || char.IsAsciiDigit(c) => ParseInteger(),
            _ when char.IsAsciiLetter(c) => ParseName(),
            _ => throw Error($"unexpected character '{c}'"),
        };
    }

    private Dictionary<string, object> ParseDict()
    {
        Expect('{');
        var dict = new Dictionary<string, object>(StringComparer.Ordinal);
        while (true)
        {
            SkipWhitespace();
            if (TryConsume('}'))
            {
                return dict;
            }

            if (ParseValue() is not string key)
            {
                throw Error("dict keys must be strings");
            }

            SkipWhitespace();
            Expect(':');
            if (!dict.TryAdd(key, ParseValue()))
            {
                throw Error($"duplicate key '{key}'");
            }

            SkipWhitespace();
            if (!TryConsume(','))
            {
                SkipWhitespace();
                Expect('}');
                return dict;
            }
        }
    }

    /// <summary>A parenthesised expression without a comma, like <c>(3)</c>, is just the value, as in Python.</summary>
    private object ParseTuple()
    {
        var items = ParseSequence('(', ')', out bool sawComma);
        return items.Count == 1 && !sawComma ? items[0] : new PythonTuple(items);
    }

    private List<object> ParseSequence(char open, char close, out bool sawComma)
    {
        Expect(open);
        var items = new List<object>();
        sawComma = false;
        while (true)
        {
            SkipWhitespace();
            if (TryConsume(close))
            {
                return items;
            }

            items.Add(ParseValue());
            SkipWhitespace();
            if (!TryConsume(','))
            {
                SkipWhitespace();
                Expect(close);
                return items;
            }

            sawComma = true;
        }
    }

    private string ParseString()
    {
        char quote = _text[_position++];
        var value = new StringBuilder();
        while (_position < _text.Length)
        {
            char c = _text[_position++];
            if (c == quote)
            {
                return value.ToString();
            }

            if (c == '\\')
            {
                if (_position >= _text.Length)
                {
                    break;
                }

                // Headers never need more than escaped quotes and backslashes; keep other escapes verbatim.
                char escaped = _text[_position++];
                if (escaped != quote && escaped != '\\')
                {
                    value.Append('\\');
                }

                value.Append(escaped);
                continue;
            }

            value.Append(c);
        }

        throw Error("unterminated string");
    }

    private long ParseInteger()
    {
        int start = _position;
        if (_text[_position] is '-' or '+')
        {
            _position++;
        }

        while (_position < _text.Length && char.IsAsciiDigit(_text[_position]))
        {
            _position++;
        }

        var digits = _text.AsSpan(start, _position - start);

        // Files written by numpy under Python 2 may spell shapes as (3L, 4L).
        if (_position < _text.Length && _text[_position] is 'L' or 'l')
        {
            _position++;
        }

        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw Error($"'{digits}' is not an integer that fits in 64 bits");
        }

        return value;
    }

    private object ParseName()
    {
        int start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }

        string name = _text[start.._position];
        return name switch
        {
            "True" => true,
            "False" => false,
            "None" => PythonNone,
            _ => throw new FormatException($"unsupported name '{name}' at position {start}"),
        };
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
        {
            _position++;
        }
    }

    private bool TryConsume(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            throw Error(_position < _text.Length ? $"expected '{c}' but found '{_text[_position]}'" : $"expected '{c}' but the text ended");
        }
    }

    private FormatException Error(string problem) => new($"{problem} at position {_position}");
}
