import type { FormEvent } from 'react';
import { Button } from '../ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '../ui/dialog';
import { Input } from '../ui/input';
import { Label } from '../ui/label';

/**
 * Names a block drawn on the board before it is added: the board stays live meanwhile (a browser
 * prompt would stop it). Escape or Cancel adds nothing; an empty name adds a "Block".
 */
export function NewBlockDialog({
  where,
  onCreate,
  onClose,
}: {
  /** The room and time drawn: "Project Room, Mon, Mar 1, 9:00 AM – 5:00 PM". */
  where: string;
  onCreate(title: string): void;
  onClose(): void;
}) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const title = String(new FormData(event.currentTarget).get('title') ?? '').trim();
    onCreate(title || 'Block');
  };
  return (
    <Dialog open onOpenChange={(open) => open || onClose()}>
      <DialogContent className="max-w-md" showCloseButton={false}>
        <form onSubmit={submit} className="flex flex-col gap-4">
          <DialogHeader>
            <DialogTitle>New block</DialogTitle>
            <DialogDescription>{where}</DialogDescription>
          </DialogHeader>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor="new-block-title">What is it?</Label>
            <Input
              id="new-block-title"
              name="title"
              maxLength={200}
              placeholder="Install, maintenance, private event…"
              autoFocus
            />
          </div>
          <DialogFooter>
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit">Add block</Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
