// A typedoc plugin for `npm run docs`: each element's `static styles` is Lit's machinery, not
// Volley's API (theme through --volley-* properties and ::part, see docs/elements.md), and its
// inherited comment links to a symbol typedoc cannot see. It stays out of the reference.
import { Converter, ReflectionKind } from 'typedoc';

export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Property)) {
      if (reflection.name === 'styles' && reflection.flags.isStatic) context.project.removeReflection(reflection);
    }
  });
}
