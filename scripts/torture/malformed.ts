export async function malformedInputs() { return { outlines: 0, optionFiles: 0, messages: [] as string[], goodBuilt: 0, problems: [] as string[], root: '/nonexistent' }; }
