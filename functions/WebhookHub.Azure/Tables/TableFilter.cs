using System.Globalization;

namespace WebhookHub.Azure.Tables;

/// <summary>
/// Builds OData <c>$filter</c> expressions for <see cref="TableClient.QueryAsync"/> with the Table service's literal forms:
/// strings in single quotes with <c>'</c> doubled, <c>datetime'…'</c> (UTC, 7 fractional digits), <c>guid'…'</c>,
/// <c>X'…'</c> (hex) for binary, an <c>L</c> suffix on Int64 and <c>true</c>/<c>false</c>.
/// Source: https://learn.microsoft.com/rest/api/storageservices/querying-tables-and-entities#constructing-filter-strings.
/// </summary>
/// <remarks>Int64 properties compare only with Int64 literals, which is why the integer overloads take <see cref="long"/>.</remarks>
public static class TableFilter
{
    private static readonly string[] Operators = ["eq", "ne", "gt", "ge", "lt", "le"];

    /// <summary><c>{property} eq '{value}'</c>, e.g. <c>Name eq 'O''Brien'</c>.</summary>
    /// <exception cref="ArgumentException">The property name is empty or not a plain name.</exception>
    public static string Equal(string property, string value) => Compare(property, "eq", value);

    /// <summary><c>{property} eq true|false</c>.</summary>
    /// <exception cref="ArgumentException">The property name is empty or not a plain name.</exception>
    public static string Equal(string property, bool value) => Compare(property, "eq", value);

    /// <summary><c>{property} eq {value}L</c> (an Int64 literal).</summary>
    /// <exception cref="ArgumentException">The property name is empty or not a plain name.</exception>
    public static string Equal(string property, long value) => Compare(property, "eq", value);

    /// <summary><c>{property} eq {value}</c> (an Int32 literal; comparing an Int32 property with an Int64 literal fails).</summary>
    /// <exception cref="ArgumentException">The property name is empty or not a plain name.</exception>
    public static string Equal(string property, int value) => Clause(property, "eq", value.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>{property} eq guid'{value}'</c>.</summary>
    /// <exception cref="ArgumentException">The property name is empty or not a plain name.</exception>
    public static string Equal(string property, Guid value) => Compare(property, "eq", value);

    /// <summary><c>{property} {op} '{value}'</c> with <c>'</c> doubled.</summary>
    /// <param name="property">The property name.</param>
    /// <param name="op">One of <c>eq ne gt ge lt le</c>.</param>
    /// <param name="value">The string.</param>
    /// <exception cref="ArgumentException">The operator is not one of those, or the property name is not a plain name.</exception>
    public static string Compare(string property, string op, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Clause(property, op, "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'");
    }

    /// <summary><c>{property} {op} datetime'yyyy-MM-ddTHH:mm:ss.fffffffZ'</c> (converted to UTC).</summary>
    /// <exception cref="ArgumentException">The operator is not one of <c>eq ne gt ge lt le</c>, or the property name is not a plain name.</exception>
    public static string Compare(string property, string op, DateTimeOffset value) =>
        Clause(property, op, "datetime'" + TableEntityJson.FormatDateTime(value) + "'");

    /// <summary><c>{property} {op} {value}L</c>.</summary>
    /// <exception cref="ArgumentException">The operator is not one of <c>eq ne gt ge lt le</c>, or the property name is not a plain name.</exception>
    public static string Compare(string property, string op, long value) =>
        Clause(property, op, value.ToString(CultureInfo.InvariantCulture) + "L");

    /// <summary><c>{property} {op} {value}</c> as a double literal (always with a decimal point or exponent).</summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite, the operator is not one of <c>eq ne gt ge lt le</c>,
    /// or the property name is not a plain name.</exception>
    public static string Compare(string property, string op, double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException("A filter compares finite doubles only.", nameof(value));
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.AsSpan().IndexOfAny(".E") < 0) text += ".0";
        return Clause(property, op, text);
    }

    /// <summary><c>{property} {op} true|false</c>.</summary>
    /// <exception cref="ArgumentException">The operator is not one of <c>eq ne gt ge lt le</c>, or the property name is not a plain name.</exception>
    public static string Compare(string property, string op, bool value) => Clause(property, op, value ? "true" : "false");

    /// <summary><c>{property} {op} guid'{value}'</c>.</summary>
    /// <exception cref="ArgumentException">The operator is not one of <c>eq ne gt ge lt le</c>, or the property name is not a plain name.</exception>
    public static string Compare(string property, string op, Guid value) => Clause(property, op, "guid'" + value.ToString("D") + "'");

    /// <summary><c>{property} {op} X'{hex}'</c>.</summary>
    /// <exception cref="ArgumentException">The operator is not one of <c>eq ne gt ge lt le</c>, or the property name is not a plain name.</exception>
    public static string Compare(string property, string op, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Clause(property, op, "X'" + Convert.ToHexStringLower(value) + "'");
    }

    /// <summary>Every clause must hold: <c>(a) and (b) and …</c>; a single clause is returned as is.</summary>
    /// <exception cref="ArgumentException">No clauses, or an empty one.</exception>
    public static string And(params string[] clauses) => Join("and", clauses);

    /// <summary>Any clause may hold: <c>(a) or (b) or …</c>; a single clause is returned as is.</summary>
    /// <exception cref="ArgumentException">No clauses, or an empty one.</exception>
    public static string Or(params string[] clauses) => Join("or", clauses);

    /// <summary><c>PartitionKey eq '{partitionKey}'</c>.</summary>
    public static string PartitionEquals(string partitionKey) => Equal(TableRestFormat.PartitionKey, partitionKey);

    /// <summary><c>RowKey ge '{fromInclusive}' and RowKey lt '{toExclusive}'</c>.</summary>
    public static string RowKeyRange(string fromInclusive, string toExclusive) =>
        Compare(TableRestFormat.RowKey, "ge", fromInclusive) + " and " + Compare(TableRestFormat.RowKey, "lt", toExclusive);

    private static string Clause(string property, string op, string literal)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        foreach (var c in property)
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                throw new ArgumentException($"'{property}' is not a plain property name (letters, digits, underscore).", nameof(property));
        if (Array.IndexOf(Operators, op) < 0)
            throw new ArgumentException($"'{op}' is not a comparison operator; use eq, ne, gt, ge, lt or le.", nameof(op));
        return $"{property} {op} {literal}";
    }

    private static string Join(string op, string[] clauses)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        if (clauses.Length == 0) throw new ArgumentException("At least one clause is needed.", nameof(clauses));
        foreach (var clause in clauses) ArgumentException.ThrowIfNullOrWhiteSpace(clause, nameof(clauses));
        return clauses.Length == 1 ? clauses[0] : string.Join($" {op} ", clauses.Select(c => "(" + c + ")"));
    }
}
