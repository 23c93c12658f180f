/**
 * Links to the AWS reference pages. Pure string derivation from names; the pages follow
 *   CloudFormation (Template Reference guide; the old UserGuide/ URLs redirect there):
 *     <vendor>-resource-<service>-<resource>.html#cfn-<service>-<resource>-<property>
 *     <vendor>-properties-<service>-<resource>-<type>.html#cfn-<service>-<resource>-<type>-<property>
 *     aws-properties-resource-tags.html#cfn-resource-tags-key          (the built-in Tag)
 *   SAM (AWS::Serverless::*):
 *     sam-resource-<resource>.html#sam-<resource>-<property>
 * all lower-case, `vendor` being `aws` (or `alexa` for Alexa::ASK::Skill).
 */

export const CFN_DOCS_BASE = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/';
export const SAM_DOCS_BASE = 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/';

interface NameParts {
  vendor: string;
  service: string;
  resource: string;
  sam: boolean;
}

function parts(resourceType: string): NameParts | undefined {
  const p = resourceType.split('::');
  if (p.length !== 3 || p.some((s) => !/^[A-Za-z0-9]+$/.test(s))) return undefined;
  const vendor = p[0].toLowerCase();
  const service = p[1].toLowerCase();
  return { vendor, service, resource: p[2].toLowerCase(), sam: vendor === 'aws' && service === 'serverless' };
}

const slug = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

export function resourceDocsUrl(resourceType: string): string | undefined {
  const n = parts(resourceType);
  if (!n) return undefined;
  if (n.sam) return `${SAM_DOCS_BASE}sam-resource-${n.resource}.html`;
  return `${CFN_DOCS_BASE}${n.vendor}-resource-${n.service}-${n.resource}.html`;
}

/** Page of a nested property type; SAM nested types have no predictable page (-> resource page). */
export function propertyTypeDocsUrl(resourceType: string, typeName: string, builtinTag = false): string | undefined {
  if (builtinTag) return `${CFN_DOCS_BASE}aws-properties-resource-tags.html`;
  const n = parts(resourceType);
  if (!n) return undefined;
  if (n.sam) return resourceDocsUrl(resourceType);
  return `${CFN_DOCS_BASE}${n.vendor}-properties-${n.service}-${n.resource}-${slug(typeName)}.html`;
}

/**
 * Anchor of a property, declared by the resource itself (`ownerType` undefined) or by one
 * of its nested types.
 */
export function propertyDocsUrl(
  resourceType: string,
  ownerType: string | undefined,
  property: string,
  builtinTag = false,
): string | undefined {
  if (builtinTag) return `${CFN_DOCS_BASE}aws-properties-resource-tags.html#cfn-resource-tags-${slug(property)}`;
  const n = parts(resourceType);
  if (!n) return undefined;
  if (n.sam) {
    const page = resourceDocsUrl(resourceType);
    return ownerType === undefined ? `${page}#sam-${n.resource}-${slug(property)}` : page;
  }
  if (ownerType === undefined) {
    return `${resourceDocsUrl(resourceType)}#cfn-${n.service}-${n.resource}-${slug(property)}`;
  }
  return `${propertyTypeDocsUrl(resourceType, ownerType)}#cfn-${n.service}-${n.resource}-${slug(ownerType)}-${slug(property)}`;
}
