import type { Blueprint, Branch, Filter, MergeOutput } from '@integrator/engine/blueprint';
import { isIfElseNode, isMergeNode, openBranch } from './insert';
import { EditError, findPlace, updateFlow, updateModule } from './tree';

// Edits of an If-else's branches and a Merge's outputs, as pure functions.

export function addBranch(blueprint: Blueprint, ifElseId: number): Blueprint {
  return openBranch(blueprint, ifElseId).blueprint;
}

/** Removes a branch and every module on it; the If-else keeps at least one branch. */
export function removeBranch(blueprint: Blueprint, ifElseId: number, branch: number): Blueprint {
  const next = updateBranches(blueprint, ifElseId, (branches) => {
    if (!branches[branch]) throw new EditError(`module ${ifElseId} has no branch ${branch + 1}`);
    if (branches.length === 1) throw new EditError('an If-else needs at least one branch');
    return branches.filter((_, i) => i !== branch);
  });
  return dropUnusedMerge(next, ifElseId);
}

/** Changes a branch's label, conditions (the filter editor's shape) or whether it merges. */
export function setBranch(
  blueprint: Blueprint,
  ifElseId: number,
  branch: number,
  patch: { label?: string; filter?: Filter | null; merge?: boolean },
): Blueprint {
  const next = updateBranches(blueprint, ifElseId, (branches) => {
    const current = branches[branch];
    if (!current) throw new EditError(`module ${ifElseId} has no branch ${branch + 1}`);
    const next: Branch = { ...current };
    if (patch.label !== undefined) next.label = patch.label;
    if (patch.filter !== undefined && current.type !== 'else')
      next.conditions = patch.filter?.conditions ?? [];
    if (patch.merge !== undefined) {
      if (patch.merge && !hasMerge(blueprint, ifElseId))
        throw new EditError('add a Merge after the If-else first (the + at the end of a branch)');
      next.merge = patch.merge;
    }
    return branches.map((b, i) => (i === branch ? next : b));
  });
  return patch.merge === false ? dropUnusedMerge(next, ifElseId) : next;
}

// A Merge with no merging branch left goes too, unless modules follow it (they cannot follow
// the If-else): the blueprint stays valid either way.
function dropUnusedMerge(blueprint: Blueprint, ifElseId: number): Blueprint {
  const place = findPlace(blueprint, ifElseId);
  if (!place || place.node.branches?.some((b) => b.merge)) return blueprint;
  const after = place.flow[place.index + 1];
  if (!after || !isMergeNode(after)) return blueprint;
  if (place.index + 2 < place.flow.length)
    throw new EditError('modules follow the Merge: at least one branch must merge into it');
  return updateFlow(blueprint, place.ref, (flow) => flow.filter((_, i) => i !== place.index + 1));
}

export function setMergeOutputs(blueprint: Blueprint, mergeId: number, outputs: MergeOutput[]): Blueprint {
  return updateModule(blueprint, mergeId, (node) => {
    if (!isMergeNode(node)) throw new EditError(`module ${mergeId} is not a Merge`);
    return { ...node, outputs };
  });
}

function hasMerge(blueprint: Blueprint, ifElseId: number): boolean {
  const place = findPlace(blueprint, ifElseId);
  const after = place?.flow[place.index + 1];
  return after !== undefined && isMergeNode(after);
}

function updateBranches(
  blueprint: Blueprint,
  ifElseId: number,
  edit: (branches: Branch[]) => Branch[],
): Blueprint {
  return updateModule(blueprint, ifElseId, (node) => {
    if (!isIfElseNode(node)) throw new EditError(`module ${ifElseId} is not an If-else`);
    return { ...node, branches: edit(node.branches!) };
  });
}
