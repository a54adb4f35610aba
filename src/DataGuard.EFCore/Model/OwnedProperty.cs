using DataGuard.Model;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DataGuard.EFCore.Model;

/// <summary>A property of an owned type stored in its owner's row, seen from the owner: the navigations from the owner
/// to the owned instance (more than one for an owned type inside an owned type) and the property there.</summary>
/// <param name="Path">The dotted name from the owner (<c>Address.Street</c>): the exported column's name.</param>
/// <param name="Navigations">The owned reference navigations from the owner, outermost first.</param>
/// <param name="Property">The property of the innermost owned type.</param>
/// <param name="Field">Its personal-data description, or <see langword="null"/> when it is not personal.</param>
/// <param name="BlindIndex">Whether it is the blind index of a searchable owned property: cleared with the personal
/// values, never exported.</param>
internal sealed record OwnedProperty(string Path, IReadOnlyList<INavigation> Navigations, IProperty Property, PersonalFieldDescriptor? Field, bool BlindIndex);
