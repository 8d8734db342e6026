/**
 * A first-come, first-served read/write lock for asynchronous work. Shared holders run side
 * by side; an exclusive holder runs alone. Waiters are granted in arrival order, so a stream
 * of shared requests never starves an exclusive one, and the other way round.
 */
export class ReadWriteLock {
  #sharedHolders = 0
  #exclusiveHeld = false
  #waiting = []

  /** Resolves with a release function once the lock is held shared. */
  shared () {
    return this.#acquire(false)
  }

  /** Resolves with a release function once the lock is held alone. */
  exclusive () {
    return this.#acquire(true)
  }

  #acquire (exclusive) {
    return new Promise((resolve) => {
      this.#waiting.push({ exclusive, resolve })
      this.#grant()
    })
  }

  #grant () {
    while (this.#waiting.length > 0) {
      const next = this.#waiting[0]
      if (next.exclusive) {
        if (this.#exclusiveHeld || this.#sharedHolders > 0) return
        this.#exclusiveHeld = true
      }
      else {
        if (this.#exclusiveHeld) return
        this.#sharedHolders++
      }
      this.#waiting.shift()
      next.resolve(this.#releaser(next.exclusive))
    }
  }

  #releaser (exclusive) {
    let released = false
    return () => {
      if (released) return
      released = true
      if (exclusive) this.#exclusiveHeld = false
      else this.#sharedHolders--
      this.#grant()
    }
  }
}
