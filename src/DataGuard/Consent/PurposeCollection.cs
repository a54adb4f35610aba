using System.Collections;
using DataGuard.Purposes;

namespace DataGuard.Consent;

/// <summary>The purposes the application declares. Names are unique, compared case-insensitively; duplicates are
/// reported when options are validated at start-up.</summary>
public sealed class PurposeCollection : IReadOnlyCollection<Purpose>
{
    private readonly List<Purpose> _purposes = [];

    /// <summary>The built-in purpose of training or fine-tuning machine-learning models on personal data. It is denied
    /// (<see cref="PurposeDenialReason.NotDeclared"/>) unless the application declares it, with its lawful basis and the
    /// categories it uses, like any other purpose: <c>o.Purposes.Add(PurposeCollection.ModelTraining, "2026-12").Uses(…)</c>.</summary>
    public const string ModelTraining = "model-training";

    /// <inheritdoc />
    public int Count => _purposes.Count;

    /// <summary>Declares a purpose.</summary>
    /// <param name="name">The purpose's name (letters, digits, '.', '-' or '_').</param>
    /// <param name="notice">The version of the privacy notice shown for it; required on a consent basis.</param>
    /// <param name="lawfulBasis">The lawful basis for the processing.</param>
    /// <param name="description">What the data is processed for.</param>
    /// <returns>The purpose, for further settings.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public Purpose Add(string name, string? notice = null, LawfulBasis lawfulBasis = LawfulBasis.Consent, string? description = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var purpose = new Purpose(name, lawfulBasis, notice, description);
        _purposes.Add(purpose);
        return purpose;
    }

    /// <summary>Finds a purpose by name (case-insensitive).</summary>
    /// <param name="name">The purpose's name.</param>
    /// <returns>The purpose, or <see langword="null"/> when none is declared with that name.</returns>
    public Purpose? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _purposes.Find(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <inheritdoc />
    public IEnumerator<Purpose> GetEnumerator() => _purposes.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
