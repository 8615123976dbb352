// Placeholder until the target engine lands (issue 2).
Console.Error.WriteLine("The target engine is not yet available.");
return 1;
