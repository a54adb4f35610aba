using DataGuard.Model;

namespace DataGuard.EFCore.Tests.TestModel.Binding;

/// <summary>A derived type of <see cref="Dossier"/> (one table for both).</summary>
public class UrgentDossier : Dossier
{
    [Personal] public string Triage { get; set; } = "";
}
