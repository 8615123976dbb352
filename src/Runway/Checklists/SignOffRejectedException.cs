namespace Runway.Checklists;

/// <summary>A sign-off or waiver was refused; the message says which input is wrong and how to fix it.</summary>
public sealed class SignOffRejectedException(string message) : Exception(message);
