namespace DataGuard.Masking.Redaction;

/// <summary>An options type with nothing in it: validating it at start-up asks for the pseudonym key, so that log
/// redaction with pseudonyms fails when the host starts rather than on the first log line.</summary>
internal sealed class PseudonymKeyStartupCheck
{
}
